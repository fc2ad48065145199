/** A file the service wrote, to hand to the user as a download. */
export interface DownloadableFile {
  filename: string;
  mediaType: string;
  content: string;
}

// Long enough for the browser to start reading the Blob; the URL is only a handle to memory.
const revokeAfterMs = 10_000;

/** Save a file through the browser's download: a Blob URL on an `<a download>`, no new window. */
export function saveFile(file: DownloadableFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}
