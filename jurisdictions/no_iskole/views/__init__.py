"""Pages of the IOP module, one module per record (``urls.py`` names them).

Every page loads its records through ``plugins.access`` (``fetch`` for one
record: 404 when invisible, 403 when not allowed, one audit row; ``permitted``
for lists), so what a person sees is what the role matrix in
``declaration.py`` says, never what a template decides. What every
jurisdiction's pages do alike (steps, edit pages, step-up, documents) is
``plugins.sdk.views``.
"""
