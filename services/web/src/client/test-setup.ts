import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

/**
 * jsdom has no CSS.escape, which react-aria-components calls when a Select, ListBox or Popover opens.
 * The CSSOM specification's algorithm (https://drafts.csswg.org/cssom/#serialize-an-identifier).
 */
function cssEscape(value: string): string {
  const text = String(value);
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const first = text.charCodeAt(0);
    if (unit === 0x0000) result += '\uFFFD';
    else if (
      (unit >= 0x0001 && unit <= 0x001f) ||
      unit === 0x007f ||
      (index === 0 && unit >= 0x0030 && unit <= 0x0039) ||
      (index === 1 && unit >= 0x0030 && unit <= 0x0039 && first === 0x002d)
    )
      result += `\\${unit.toString(16)} `;
    else if (index === 0 && text.length === 1 && unit === 0x002d) result += `\\${text.charAt(index)}`;
    else if (unit >= 0x0080 || unit === 0x002d || unit === 0x005f || (unit >= 0x0030 && unit <= 0x0039) || (unit >= 0x0041 && unit <= 0x005a) || (unit >= 0x0061 && unit <= 0x007a))
      result += text.charAt(index);
    else result += `\\${text.charAt(index)}`;
  }
  return result;
}

const globalWithCss = globalThis as { CSS?: { escape?: (value: string) => string } };
if (typeof globalWithCss.CSS?.escape !== 'function') {
  globalWithCss.CSS = Object.assign(globalWithCss.CSS ?? {}, { escape: cssEscape });
}
