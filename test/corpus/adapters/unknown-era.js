const f = () => null;
module.exports = { name: 'old', arch: 'x', era: 'v2.6', source: 's', declarations: {}, pte_alloc_one: f, pte_free: f, __pte_free_tlb: f };
