module.exports = { adapter: 'not an object' };
