/** Simplified Chinese messages for projector mode (放映模式); part of `zh-cn.ts`. */
export const zhCNPresent = {
  present: {
    open: '放映模式',
    openHint: '全屏放映：方向键或翻页键换屏，Esc 返回本页',
    title: '放映',
    total: '共 {{count}} 项目标',
    attentionHeading: '最需关注',
    attentionMore: '另有 {{count}} 项，见各分类',
    attentionNone: '没有以下状态的目标：{{statuses}}。',
    part: '{{name}}（{{part}}/{{parts}}）',
    colTarget: '指标',
    colValue: '实际',
    colGoal: '目标',
    colStatus: '状态',
    valueYear: '{{year}}年',
    position: '第 {{current}} 屏，共 {{total}} 屏：{{name}}',
    auto: '每 {{seconds}} 秒自动换屏',
    paused: '已暂停 · 按空格键继续',
    unknownScreen: '链接中的“{{value}}”不是放映模式的一屏，已从概况开始。',
  },
} as const;
