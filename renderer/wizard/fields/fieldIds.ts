// DOM ids and test ids derived from an answer's path ("respondents.0.name" → "respondents-0-name").
export const domId = (path: string) => path.replace(/\./g, '-');
export const inputId = (path: string) => `input-${domId(path)}`;
export const errorId = (path: string) => `error-${domId(path)}`;
export const hintId = (path: string) => `hint-${domId(path)}`;
