module.exports = function adapter() { return {}; };
