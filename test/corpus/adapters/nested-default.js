module.exports = { default: { default: {} } };
