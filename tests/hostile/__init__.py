"""The hostile-article corpus: payloads built in memory by `payloads.py`."""
