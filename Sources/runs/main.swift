import Tracking
print("runs: not implemented yet")
