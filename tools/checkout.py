"""Imported first by the training tools: puts this checkout ahead of an installed newsgraph, so
``python tools/train_....py`` trains on the code beside it (a worktree's, not the installed one's).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the checkout: newsgraph/, tools/, and ../shared
sys.path.insert(0, str(ROOT))
