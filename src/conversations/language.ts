// `properties.language`: Tavus wants the full language name ("english") or "multilingual", not the
// two-letter code (API reference, POST /v2/conversations: "Please provide the FULL language name,
// not the two letter code"). A code is caught here, before anything is sent.
import { UsageError } from '../errors.js';

const CODE_SHAPED = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

/**
 * The language to send, trimmed; UsageError (exit 2) for an ISO code such as `en` or `pt-BR`, naming
 * the full name to use instead. Names are resolved with the runtime's own ICU data (Intl.DisplayNames).
 */
export function conversationLanguage(value: string, flag = '--language'): string {
  const text = value.trim();
  const name = CODE_SHAPED.test(text) ? languageName(text.replace('_', '-')) : undefined;
  if (name !== undefined && name.toLowerCase() !== text.toLowerCase()) {
    const suggestion = name.toLowerCase();
    throw new UsageError(`${flag} ${text} is a language code; Tavus wants the full language name (${suggestion}) or multilingual.`, {
      hint: `Pass ${flag} ${suggestion} (or ${flag} multilingual to detect the language).`,
    });
  }
  return text;
}

/** "en" → "English", "pt-BR" → "Portuguese"; undefined when the runtime knows no such code. */
function languageName(code: string): string | undefined {
  try {
    const language = new Intl.Locale(code).language;
    const name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(language);
    return name && name.toLowerCase() !== language.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}
