/** Saves a file the library produced (an export) through the browser's download of a blob URL. */
export function downloadFile({ content, filename, mime }: { content: string | Blob; filename: string; mime?: string }, doc: Document = document): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type: mime }) : content);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
