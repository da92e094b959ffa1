import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { targetFileJsonSchema } from '@/domain/targets/target-set';
import { schemaCompletions, type JsonSchema } from './schema-completion';
import type { EditorMark } from './target-file-diagnostics';

/** Marks the editor's own replacement of its text by a new `value`: not an edit to report back. */
const fromValue = Annotation.define<boolean>();

export type TargetFileEditorHandle = { focusLine: (line: number) => void };

/**
 * The target file's text in CodeMirror 6: YAML highlighting, completion from
 * the JSON Schema, and the page's problems marked at their lines (`marks`).
 * The page owns the text; this reports every change and is told the marks.
 */
export function TargetFileEditor({
  value,
  onChange,
  marks,
  label,
  handle,
}: {
  value: string;
  onChange: (text: string) => void;
  marks: readonly EditorMark[];
  label: string;
  handle?: (h: TargetFileEditorHandle) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    // The schema targets/target-file.schema.json is written from (one source): made once per editor.
    const schema = targetFileJsonSchema() as unknown as JsonSchema;
    const complete = (context: CompletionContext): CompletionResult | null => {
      const text = context.state.doc.toString();
      const found = schemaCompletions(schema, text, context.pos);
      if (!found || (found.from === context.pos && !context.explicit && !/:\s$|^\s*(-\s+)?$/.test(text.slice(text.lastIndexOf('\n', context.pos - 1) + 1, context.pos)))) return null;
      return { from: found.from, options: found.options, validFor: /^[\w.-]*$/ };
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          yaml(),
          autocompletion({ override: [complete] }),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromValue))) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    handle?.({
      focusLine: (line) => {
        const doc = editor.state.doc;
        const at = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
        editor.dispatch({ selection: { anchor: at }, scrollIntoView: true });
        editor.focus();
      },
    });
    return () => {
      editor.destroy();
      view.current = undefined;
    };
    // The editor is made once; later texts come in through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value }, annotations: fromValue.of(true) });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    editor.dispatch(setDiagnostics(editor.state, marks.filter((m) => m.to <= length).map((m) => ({ ...m }))));
  }, [marks]);

  return <div className="target-editor__code" ref={host} />;
}
