// Where in a JSON input a problem is, as the messages that name it write it.

/** `layers.transport.transport_type`; `[2].persona_name` for an entry of an array. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(root)';
}
