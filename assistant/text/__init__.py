"""Pure text helpers shared by every stage."""
