import { provideMessageSection } from './setup-i18n';
import { zhCNImport } from './zh-cn-import';

/*
 * The Chinese words of the import and data pages, added to the messages when a module that uses them loads:
 * every module of those pages whose words are `import.*`, `rejected.*`, `importMessages.*` or `data.*` imports
 * this one, so the first page's JavaScript does not carry them (about 8 kB gzipped). English comes whole.
 */
provideMessageSection('zh-CN', zhCNImport);
