/** Simplified Chinese messages for responsibility (责任科室) and notes on targets; part of `zh-cn.ts`. */
export const zhCNNotes = {
  notes: {
    heading: '工作说明',
    none: '暂无说明。',
    by: '{{author}} 记录',
    add: '添加说明（正在做什么、数据为何迟报等）',
    hint: '纯文本，最多 {{max}} 字；已输入 {{typed}} 字。保存后不能修改或删除，可再写一条更正。',
    save: '保存说明',
    saving: '正在保存…',
    failed: '说明未保存：{{reason}}',
    analystsOnly: '说明由分析员添加。',
    demoHint: '演示中可在右上角“演示角色”切换为分析员后添加。',
    loadFailed: '说明未能加载：{{reason}}',
    reportHeading: '工作说明',
  },
  office: {
    label: '责任科室',
    of: '责任科室：{{office}}',
  },
} as const;
