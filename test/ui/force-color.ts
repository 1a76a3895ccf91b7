// Imported first by the UI tests: chalk decides its colour level when it is loaded, and
// under `node --test` stdout is a pipe (level 0). Level 1 makes colours observable, so the
// NO_COLOR test can show that colour is there without it and gone with it.
process.env.FORCE_COLOR = '1';
delete process.env.NO_COLOR;
export {};
