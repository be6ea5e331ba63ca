const f = () => null;
module.exports = { name: 'bad-decl', arch: 'x', era: 'v6.14', source: 's', declarations: 42, pte_alloc_one: f, pte_free: f, __pte_free_tlb: f };
