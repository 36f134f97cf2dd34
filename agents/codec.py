"""An orjson codec for Faust, so every JSON value on newswire's topics is written by orjson."""

from __future__ import annotations

from typing import Any

import orjson
from faust.serializers import codecs

NAME = "orjson"


class OrjsonCodec(codecs.Codec):
    """Faust codec backed by orjson."""

    def _dumps(self, obj: Any) -> bytes:
        return orjson.dumps(obj)

    def _loads(self, data: bytes) -> Any:
        return orjson.loads(data)


codecs.register(NAME, OrjsonCodec())
