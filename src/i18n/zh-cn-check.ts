/**
 * Simplified Chinese messages for the command line that checks target files (`npm run check-targets`).
 * Not part of `zh-cn.ts`: the app never shows them, so its first page does not carry them. The problems'
 * own words are the app's (`problems.*` in `zh-cn.ts`).
 */
export const zhCNCheck = {
  checkTargets: {
    usage:
      '用法：npm run check-targets -- [--lang zh-CN|en] [文件或文件夹…]\n检查目标文件（.yaml、.yml、.json），列出每个问题的文件、行、列和位置。不指定时检查 targets/ 文件夹。\n有错误时退出码为 1，只有提醒时为 0，用法错误时为 2。',
    fileOk: '{{file}}：没有问题',
    fileSummary: '{{file}}：{{parts}}',
    errors: '{{count}} 处错误',
    warnings: '{{count}} 条提醒',
    separator: '，',
    total: '共检查 {{count}} 个目标文件：{{parts}}。',
    totalOk: '共检查 {{count}} 个目标文件，都没有问题。',
    verdictErrors: '有错误的目标文件不能使用，请按上面的提示修改。',
    verdictWarnings: '目标文件可以使用；请核对上面的提醒。',
    noFiles: '{{path}} 中没有目标文件（.yaml、.yml 或 .json）。',
    notFound: '找不到 {{path}}。',
    unreadable: '无法读取 {{path}}：{{detail}}',
    unknownOption: '不认识的选项“{{option}}”。',
    badLang: '--lang 只能是 zh-CN 或 en，而不是“{{value}}”。',
  },
} as const;

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
export type CheckMessages = Widen<typeof zhCNCheck>;
