import Tracking
print("bench-tracking: not implemented yet")
