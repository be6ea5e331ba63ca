module.exports = Promise.resolve({ name: 'async' });
