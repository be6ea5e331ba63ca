require('no-such-module-ptconform');
