"""The page is in Chinese whatever the browser's language: Gradio's own strings (the upload box's "Drop File
Here", the chatbot's buttons, the footer) are translated by its frontend after the browser's locale, so the page
hands Gradio (``launch(i18n=gr.I18n(**translations()))``) the Chinese strings under every locale Gradio ships.
The keys are written flat ("upload_text.drop_file"): the frontend looks a flat key up before the nested
built-in one, so these win over Gradio's own translation for that locale."""

from __future__ import annotations

# Gradio 6.31's frontend locales (gradio/templates/frontend/assets/<locale>-*.js)
GRADIO_LOCALES = ("ar", "ca", "ckb", "de", "en", "es", "et", "eu", "fa", "fi", "fr", "he", "hi", "id", "ja", "ko",
                  "lt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sv", "ta", "th", "tr", "uk", "ur", "uz",
                  "zh-CN", "zh-TW")

# Gradio's strings the page can show, in simplified Chinese (from Gradio's own zh-CN translation where it has one)
ZH: dict[str, str] = {
    "upload_text.click_to_upload": "点击上传",
    "upload_text.drop_file": "将文件拖放到此处",
    "upload_text.drop_csv": "将 CSV 文件拖放到此处",
    "upload_text.paste_clipboard": "从剪贴板粘贴",
    "file.uploading": "正在上传...",
    "common.or": "或",
    "common.clear": "清除",
    "common.download": "下载",
    "common.edit": "编辑",
    "common.empty": "空",
    "common.error": "错误",
    "common.loading": "加载中",
    "common.remove": "移除",
    "common.share": "分享",
    "common.submit": "提交",
    "common.undo": "撤销",
    "common.settings": "设置",
    "common.language": "语言",
    "common.display_theme": "显示主题",
    "common.built_with": "构建于",
    "common.built_with_gradio": "使用 Gradio 构建",
    "common.hosted_on": "托管在",
    "common.no_devices": "未找到设备",
    "common.pwa": "渐进式 Web 应用",
    "common.download_all": "全部下载",
    "common.progress": "进度",
    "common.runs": "运行记录",
    "common.back_to_app": "返回",
    "chatbot.copy_message": "复制消息",
    "chatbot.copied_message": "已复制消息",
    "chatbot.complete": "完成",
    "chatbot.like": "赞",
    "chatbot.dislike": "踩",
    "chatbot.clear": "清空对话",
    "chatbot.retry": "重试",
    "chatbot.undo": "撤销",
    "chatbot.edit": "编辑",
    "chatbot.submit": "发送",
    "chatbot.cancel": "取消",
    "dataframe.sort_column": "排序列",
    "dataframe.sort_ascending": "升序排序",
    "dataframe.sort_descending": "降序排序",
    "dataframe.clear_sort": "清除排序",
    "dataframe.new_column": "添加列",
    "dataframe.new_row": "新行",
    "errors.use_via_api": "通过 API 使用",
    "errors.use_via_api_or_mcp": "通过 API 或 MCP 使用",
    "blocks.connection_can_break": "在移动设备上，如果此标签页失去焦点或设备休眠，连接可能会中断，导致您在队列中失去位置。",
    "blocks.lost_connection": "由于离开页面，连接已丢失。正在重新加入队列...",
    "blocks.long_requests_queue": "待处理的请求较多，请稍候。",
    "blocks.waiting_for_inputs": "等待文件上传完成，请稍后重试。",
    "login.login": "登录",
    "login.username": "用户名",
    "login.password": "密码",
    "login.incorrect_credentials": "用户名或密码不正确",
    "plot.plot": "图表",
    "dropdown.dropdown": "下拉菜单",
    "checkbox.checkbox_group": "复选框组",
    "radio.radio": "单选框",
}


def translations() -> dict[str, dict[str, str]]:
    """locale -> the Chinese strings, for ``gr.I18n(**translations())``."""
    return {locale: dict(ZH) for locale in GRADIO_LOCALES}
