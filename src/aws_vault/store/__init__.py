"""Secret store backends behind one interface, and the item kinds aws-vault keeps in them."""
