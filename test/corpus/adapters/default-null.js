module.exports = { default: null };
