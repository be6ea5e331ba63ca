throw 'a string, not an Error';
