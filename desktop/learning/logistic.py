"""L2-regularized logistic regression over sparse named features, in pure Python.

The app trains a project's incident decision on the analyst's machine, where neither numpy nor
scikit-learn ships; a few thousand candidates of a few dozen features each are small enough for
Newton's method on the dense normal equations of the features that occur (hundreds), which
converges in a handful of iterations and is deterministic. Examples carry weights (a project's own
reviewed articles count more than the bundled rows). The objective is scikit-learn's:
0.5 |w|^2 + C sum_i s_i log(1 + exp(-y_i (w.x_i + b))), the intercept unpenalized.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b for a symmetric positive definite `a` (Cholesky; `a` is not modified)."""
    n = len(b)
    low = [[0.0] * n for _ in range(n)]
    for i in range(n):
        row_i = low[i]
        for j in range(i + 1):
            row_j = low[j]
            s = a[i][j] - sum(row_i[k] * row_j[k] for k in range(j))
            if i == j:
                row_i[i] = math.sqrt(max(s, 1e-12))
            else:
                row_i[j] = s / row_j[j]
    y = [0.0] * n
    for i in range(n):
        y[i] = (b[i] - sum(low[i][k] * y[k] for k in range(i))) / low[i][i]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (y[i] - sum(low[k][i] * x[k] for k in range(i + 1, n))) / low[i][i]
    return x


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    c: float = 1.0,
    weights: Sequence[float] | None = None,
    iterations: int = 25,
    tolerance: float = 1e-7,
) -> tuple[dict[str, float], float]:
    """Train on `rows` (feature name -> value) with 0/1 `labels`; returns (weights, intercept)."""
    names = sorted({name for row in rows for name in row})
    index = {name: i + 1 for i, name in enumerate(names)}  # 0 is the intercept
    xs = [[(index[k], float(v)) for k, v in row.items() if v] for row in rows]
    s = list(weights) if weights is not None else [1.0] * len(rows)
    n = len(names) + 1
    w = [0.0] * n
    previous = math.inf
    for _ in range(iterations):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        loss = 0.0
        for x, y, si in zip(xs, labels, s, strict=True):
            z = w[0] + sum(w[j] * v for j, v in x)
            p = 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))
            loss += si * (math.log1p(math.exp(-abs(z))) + max(0.0, z) - y * z)
            g = c * si * (p - y)
            h = c * si * p * (1.0 - p)
            feats = [(0, 1.0), *x]
            for j, v in feats:
                grad[j] += g * v
                row = hess[j]
                for k, u in feats:
                    row[k] += h * v * u
        loss = c * loss + 0.5 * sum(wj * wj for wj in w[1:])
        for j in range(1, n):
            grad[j] += w[j]
            hess[j][j] += 1.0
        hess[0][0] += 1e-9
        step = _solve(hess, grad)
        w = [wj - dj for wj, dj in zip(w, step, strict=True)]
        if abs(previous - loss) <= tolerance * max(1.0, abs(loss)):
            break
        previous = loss
    return {name: w[index[name]] for name in names if abs(w[index[name]]) > 1e-9}, w[0]
