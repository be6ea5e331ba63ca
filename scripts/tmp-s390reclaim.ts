import base from '../arch/s390/v6.6';
export default { ...base, name: 's390-v6.6+reclaim-nothp-v6.14', era: 'v6.14', declarations: { ...base.declarations, PT_RECLAIM: true, THP: false } };
