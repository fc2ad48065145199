import { BrowserWindow, dialog } from 'electron';

/** Electron's folder picker, over the focused Lapse window: the folder chosen, or null when cancelled. */
export async function chooseFolder(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open a folder of Lapse reports',
    buttonLabel: 'Open reports',
    properties: ['openDirectory'],
  };
  const owner = BrowserWindow.getFocusedWindow();
  const answer = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}
