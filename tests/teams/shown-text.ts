// No vitest here: bench/load imports it too.

/** All text a posted activity shows, cards included, to search for what a member would read. */
export function shownText(activity: Record<string, unknown>): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      // Hidden inputs and action data are not shown.
      if ((node as { isVisible?: boolean }).isVisible === false) return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'value') && typeof value === 'string') texts.push(value);
        else if (key !== 'data') walk(value);
      }
    }
  };
  walk({ text: activity.text, attachments: activity.attachments });
  return texts.join('\n');
}
