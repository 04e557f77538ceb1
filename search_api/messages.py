"""Every error text the API and the pages show, in Vietnamese, from one place: validation
errors by pydantic error type, HTTP status phrases, and the multipart parser's errors.

Pydantic, Starlette and FastAPI write their messages in English; none of them reaches a
user. A validation error of a type this table does not know says "giá trị không hợp lệ";
our own errors (``PydanticCustomError`` with a type pydantic does not define) are already
written in Vietnamese and keep their message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from pydantic_core.core_schema import ErrorType

_BUILTIN_TYPES = frozenset(get_args(ErrorType))
_INTEGER = "phải là số nguyên"
_BOOLEAN = "phải là true hoặc false"
_OBJECT = "phải là một đối tượng JSON"
_DATE = "phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2018-07-01)"

_VALIDATION: dict[str, str] = {
    "missing": "thiếu giá trị bắt buộc",
    "int_parsing": _INTEGER,
    "int_type": _INTEGER,
    "int_from_float": _INTEGER,
    "float_parsing": "phải là một số",
    "float_type": "phải là một số",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "string_too_long": "dài tối đa {max_length} ký tự",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_type": "phải là một chuỗi ký tự",
    "string_pattern_mismatch": "không đúng định dạng",
    "literal_error": "phải là một trong các giá trị {expected}",
    "enum": "phải là một trong các giá trị {expected}",
    "bool_parsing": _BOOLEAN,
    "bool_type": _BOOLEAN,
    "list_type": "phải là một danh sách",
    "too_long": "có tối đa {max_length} phần tử",
    "too_short": "phải có ít nhất {min_length} phần tử",
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "json_invalid": "thân yêu cầu không phải JSON hợp lệ",
    "json_type": "thân yêu cầu không phải JSON hợp lệ",
    "extra_forbidden": "trường này không được hỗ trợ",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
}
_INVALID = "giá trị không hợp lệ"


def validation_message(error: Mapping[str, Any]) -> str:
    """The Vietnamese message of one pydantic error (``ValidationError.errors()`` item)."""
    kind = str(error.get("type", ""))
    if kind not in _BUILTIN_TYPES and kind not in _VALIDATION and error.get("msg"):
        return str(error["msg"])  # our own PydanticCustomError, written in Vietnamese
    template = _VALIDATION.get(kind, _INVALID)
    context = {k: str(v).replace(" or ", " hoặc ") for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template.split(" {", 1)[0]


_STATUS: dict[int, str] = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần xác thực.",
    403: "Không có quyền truy cập.",
    404: "Không tìm thấy trang hoặc tài nguyên này.",
    405: "Phương thức {method} không được hỗ trợ ở địa chỉ này.",
    406: "Không có dạng trả lời nào phù hợp với yêu cầu.",
    413: "Dữ liệu gửi lên quá lớn.",
    415: "Kiểu dữ liệu gửi lên không được hỗ trợ.",
    422: "Tham số không hợp lệ.",
    429: "Quá nhiều yêu cầu; vui lòng thử lại sau.",
    500: "Lỗi máy chủ; sự cố đã được ghi lại.",
    503: "Dịch vụ tạm thời không phục vụ được; vui lòng thử lại sau.",
}

#: FastAPI's own detail when a body cannot be read (a broken form or stream), and ours.
BODY_UNREADABLE = "There was an error parsing the body"
BODY_UNREADABLE_VI = "Không đọc được thân yêu cầu (dữ liệu hỏng hoặc sai định dạng)."


def http_message(status: int, method: str = "") -> str:
    """The Vietnamese message for an HTTP error status raised by the framework."""
    return _STATUS.get(status, "Lỗi {status}.").format(method=method, status=status)


def body_too_large(limit: int) -> str:
    """The message of a request body over its limit."""
    return f"Dữ liệu gửi lên vượt quá giới hạn {limit} byte."


def multipart_message(error: Exception, max_files: int, max_fields: int) -> str:
    """The Vietnamese message of Starlette's ``MultiPartException`` (English, by text)."""
    text = str(error)
    if text.startswith("Too many files"):
        return f"Quá nhiều tệp: tối đa {max_files} tệp mỗi lần tải lên."
    if text.startswith("Too many fields"):
        return f"Quá nhiều trường trong biểu mẫu: tối đa {max_fields}."
    return "Dữ liệu multipart không hợp lệ."
