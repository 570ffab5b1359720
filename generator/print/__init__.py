"""Drawing with reportlab: shared pieces (text, QR codes, marks) and one module per material."""
