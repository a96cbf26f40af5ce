// An edit the keyboard has handed to the screen (onChange) and the screen has not rendered yet. A
// second tap before that render (a candidate, then 完成 at once) builds on it, not on the value of
// the last render. Once the screen shows another value than the one the edit was made on (the edit
// itself, or a value of the screen's own: the field cleared, an answer reset), the edit is spent and
// goes. Kept, it came back whenever the field showed that value again, and the next key built on a
// text the screen had left (the field cleared to "", then 李 typed: 张李).

/** The edit, and the value shown when it was made. */
export interface UnrenderedEdit<E> {
  from: string;
  edit: E;
}

/** What the next key builds on: the edit still unrendered on `shown`, else the value shown (`fresh`). */
export function editBase<E>(pending: UnrenderedEdit<E> | null, shown: string, fresh: () => E): E {
  return pending && pending.from === shown ? pending.edit : fresh();
}

/** What is still pending once the screen has rendered `shown`: nothing, unless it still shows the value the edit was made on. */
export function afterRender<E>(pending: UnrenderedEdit<E> | null, shown: string): UnrenderedEdit<E> | null {
  return pending && pending.from === shown ? pending : null;
}
