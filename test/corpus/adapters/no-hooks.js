module.exports = { name: 'no-hooks', arch: 'x', era: 'v6.14', source: 's' };
