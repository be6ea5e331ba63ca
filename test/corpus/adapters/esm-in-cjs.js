export default { name: 'esm' };
