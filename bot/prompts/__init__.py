"""Prompt content as data: models, the YAML loader and the merged pack."""

from .pack import PromptPack, check_folder, load_pack, load_shipped
from .yamlfile import DataFileError

__all__ = ["DataFileError", "PromptPack", "check_folder", "load_pack", "load_shipped"]
