# Reference figures for ForecastBench (all rounds), computed by scikit-learn:
# brier_score_loss, the base rate, and calibration_curve's per-bin counts and mean forecasts.
import csv, sys
import numpy as np
import sklearn
from sklearn.metrics import brier_score_loss
from sklearn.calibration import calibration_curve
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
p = np.array([float(r["probability"]) for r in rows]); o = np.array([int(r["outcome"]) for r in rows])
print("sklearn", sklearn.__version__, "rows", len(rows))
print("brier", repr(brier_score_loss(o, p)))
print("base_rate", repr(o.mean()))
edges = np.linspace(0, 1, 11)
on_edge = [x for x in p if any(abs(x - e) < 1e-15 for e in edges[1:-1])]
print("forecasts on an inner edge", len(on_edge), sorted(set(on_edge)))
prob_true, prob_pred = calibration_curve(o, p, n_bins=10, strategy="uniform")
binids = np.searchsorted(edges[1:-1], p)   # calibration_curve's own binning
counts = np.bincount(binids, minlength=10)
print("counts", list(counts))
print("prob_pred", [repr(x) for x in prob_pred])
print("prob_true", [repr(x) for x in prob_true])
for name in ["infer", "metaculus"]:
    m = np.array([r["source"] == name for r in rows])
    print(name, repr(brier_score_loss(o[m], p[m])), int(m.sum()))
# Forecasts exactly on an inner edge, per value: how many, and the bin calibration_curve put them in.
for v in sorted(set(on_edge)):
    m = p == v
    print("edge", repr(float(v)), int(m.sum()), int(np.searchsorted(edges[1:-1], v)))
