module.exports = { name: 'x', arch: 'x', era: 'v6.14', source: 's',,, };
