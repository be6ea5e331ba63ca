module.exports = { name: 'hooks', arch: 'x', era: 'v6.14', source: 's', declarations: {}, pte_alloc_one: 'x', pte_free: 1, __pte_free_tlb: null };
