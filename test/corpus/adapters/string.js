module.exports = 'generic-v6.14';
