"""The Table of Frequency Allocations (Radio Regulations Article 5)."""
