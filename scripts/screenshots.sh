#!/usr/bin/env bash
# Pictures of the real UI for the README: the demo in tmux at a fixed size, captured with
# colours (capture-pane -e), rendered to SVG by scripts/ansi-to-svg.ts and to PNG by rsvg-convert.
# Needs: tmux, rsvg-convert (Debian librsvg2-bin), fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")/.."
COLS=${COLS:-120}; ROWS=${ROWS:-40}; OUT=screenshots; S=kexplore-shots
TMP=$(mktemp -d); trap 'tmux kill-session -t $S 2>/dev/null || true; rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
npm run build --silent >/dev/null 2>&1 || true
tmux kill-session -t $S 2>/dev/null || true
tmux new-session -d -s $S -x "$COLS" -y "$ROWS" "env TERM=xterm-256color COLORTERM=truecolor FORCE_COLOR=3 ./node_modules/.bin/node bin/kexplore.js --demo"

# Wait until the screen shows a string (no fixed sleeps: the UI decides when it is ready).
wait_for() {
  for _ in $(seq 1 100); do
    tmux capture-pane -t $S -p | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "screenshots: timed out waiting for '$1'" >&2; tmux capture-pane -t $S -p >&2; return 1
}
shot() { # name title
  tmux capture-pane -t $S -p -e > "$TMP/$1.ansi"
  ./node_modules/.bin/node dist/scripts/ansi-to-svg.js "$TMP/$1.ansi" "$TMP/$1.svg" "$COLS" "$ROWS" "$2"
  rsvg-convert "$TMP/$1.svg" -o "$OUT/$1.png"
  echo "wrote $OUT/$1.png"
}
keys() { tmux send-keys -t $S "$@"; }

source scripts/screenshot-steps.sh
keys q
