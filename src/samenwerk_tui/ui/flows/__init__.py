"""The dashboard's flows: each is one coroutine, run as a worker, that reads top to bottom.

A flow shows a dialog, awaits its answer (``push_screen(..., wait_for_dismiss=True)``),
does the work in a thread and tells the user how it went. Dialogs whose answer must
apply before the next typed key (:class:`~samenwerk_tui.ui.dialogs.Dialog`) are the
exception: their result is applied synchronously by ``finish``.
"""
