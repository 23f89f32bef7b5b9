"""Prompt content as data: models, the YAML loader and the merged pack."""

from .locale import EN, LOCALES, from_platform, speaking
from .pack import PromptPack, check_folder, load_pack, load_shipped
from .yamlfile import DataFileError

__all__ = [
    "EN",
    "LOCALES",
    "DataFileError",
    "PromptPack",
    "check_folder",
    "from_platform",
    "load_pack",
    "load_shipped",
    "speaking",
]
