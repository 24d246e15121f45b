// Every key the dashboard answers to, per screen: the help screen lists them all, the footer the main ones.

export type ScreenName = 'list' | 'result' | 'params' | 'seed' | 'claims' | 'help';

export interface KeyHelp {
  keys: string;
  does: string;
  /** Shown in the footer too, with this short label. */
  footer?: string;
}

export const KEYS: Record<ScreenName, KeyHelp[]> = {
  list: [
    { keys: '↑ ↓  k j', does: 'select an experiment', footer: 'select' },
    { keys: '⏎  r', does: 'run the selected experiment', footer: 'run' },
    { keys: 'a', does: 'run all experiments in order', footer: 'run all' },
    { keys: 'v  →', does: 'view the result (or the explanation before a run)', footer: 'view' },
    { keys: 'p', does: 'edit parameters (and seed), then run', footer: 'params' },
    { keys: 's', does: 'rerun with another seed', footer: 'seed' },
    { keys: 'c', does: 'cancel the running experiment (its finished part is kept) and the queue', footer: 'cancel' },
    { keys: 'o', does: 'open the newest stored run of the selected experiment (from the run store)' },
    { keys: 'x', does: 'claim checker: is a formula right for a homework question?', footer: 'claims' },
    { keys: '?', does: 'this help', footer: 'help' },
    { keys: 'q  ctrl-c', does: 'quit', footer: 'quit' },
  ],
  result: [
    { keys: '↑ ↓  k j', does: 'scroll a line', footer: 'scroll' },
    { keys: 'space  b', does: 'page down / up', footer: 'page' },
    { keys: 'g  G', does: 'top / end' },
    { keys: 'r', does: 'rerun', footer: 'rerun' },
    { keys: 's', does: 'rerun with another seed', footer: 'seed' },
    { keys: 'p', does: 'edit parameters', footer: 'params' },
    { keys: 'c', does: 'cancel the running experiment', footer: 'cancel' },
    { keys: 'esc  ←', does: 'back to the list', footer: 'back' },
  ],
  params: [
    { keys: '↑ ↓  tab', does: 'move between fields', footer: 'field' },
    { keys: '⏎', does: 'run with these values (when all are valid)', footer: 'run' },
    { keys: 'esc', does: 'back, keeping the edits', footer: 'back' },
  ],
  seed: [
    { keys: '⏎', does: 'run with this seed', footer: 'run' },
    { keys: 'esc', does: 'back', footer: 'back' },
  ],
  claims: [
    { keys: '↑ ↓', does: 'pick a homework question', footer: 'question' },
    { keys: '⏎', does: 'pick the question / check the formula', footer: 'check' },
    { keys: 'esc', does: 'cancel a check; back to the questions; back to the list', footer: 'back' },
  ],
  help: [{ keys: 'esc  ?  q', does: 'close the help', footer: 'close' }],
};

export const SCREEN_TITLES: Record<ScreenName, string> = {
  list: 'Experiment list',
  result: 'Result view',
  params: 'Parameter form',
  seed: 'Seed prompt',
  claims: 'Claim checker',
  help: 'Help',
};
