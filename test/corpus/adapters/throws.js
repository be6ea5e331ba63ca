throw new Error('boom\nsecond line');
