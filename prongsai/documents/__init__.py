"""Official documents: one renderer from a document model (blocks) to PDF and DOCX.

Domain apps (ita: the ITA report, oit: assignment orders, later manuals) build a
:class:`~prongsai.documents.model.Document` out of blocks -- MemoHeader, OrderHeader, Heading, Paragraph,
Signature, ApprovalArea, Table -- grouped in portrait/landscape Sections, and call::

    from prongsai.documents.model import Document, Section, MemoHeader, Paragraph, Table, Column
    from prongsai.documents.render import render_pdf, render_docx

    pdf_bytes = render_pdf(document)    # A4, WeasyPrint + Sarabun, Thai text layer reads back exactly
    docx_bytes = render_docx(document)  # A4, python-docx, TH SarabunIT๙ (fallback Sarabun), real Word tables

They never touch WeasyPrint or python-docx. All text is plain text (escaped by the renderer); with
``Document.thai_digits`` (default) every 0-9 prints as ๐-๙. See docs/adr/0005-official-documents.md.
"""
