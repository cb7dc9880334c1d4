<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Evidence</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="23"/>
        <source>Empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="24"/>
        <source>The file is damaged</source>
        <translation>文件已损坏</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="25"/>
        <source>The image is too large</source>
        <translation>图片过大</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="26"/>
        <source>Unsupported format</source>
        <translation>不支持的格式</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="27"/>
        <source>Not downloaded yet</source>
        <translation>尚未下载</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="28"/>
        <source>Could not be downloaded</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="29"/>
        <source>Cannot be shown</source>
        <translation>无法显示</translation>
    </message>
</context>
<context>
    <name>EvidenceFacts</name>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="9"/>
        <location filename="../../ui/evidence_facts.ui" line="14"/>
        <source>Image facts</source>
        <translation>图片信息</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="21"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="23"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="25"/>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="27"/>
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="29"/>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="31"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="33"/>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="35"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="41"/>
        <source>Risk signals</source>
        <translation>风险提示</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="53"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="65"/>
        <source>Flag this image…</source>
        <translation>标记此图片…</translation>
    </message>
</context>
<context>
    <name>EvidenceFactsPanel</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="206"/>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="212"/>
        <source>%1 (declared as %2)</source>
        <translation>%1（声明为 %2）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="226"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="226"/>
        <source>Open refund</source>
        <translation>打开退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="242"/>
        <source>The same picture as in 1 other refund (re-saved, resized or cropped; compare before deciding):</source>
        <translation>与另外1笔退款中的图片是同一张（可能经过另存、缩放或裁剪；决定前请先对比）：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="244"/>
        <source>The same picture as in {n} other refunds (re-saved, resized or cropped; compare before deciding). Closest:</source>
        <translation>与另外{n}笔退款中的图片是同一张（可能经过另存、缩放或裁剪；决定前请先对比）。最接近的：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="246"/>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="256"/>
        <source>order {order}</source>
        <translation>订单{order}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="249"/>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="259"/>
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="255"/>
        <source>This very file is in {n} other refunds:</source>
        <translation>同一个文件还出现在另外{n}笔退款中：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="272"/>
        <source>None found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="276"/>
        <source>Not flagged</source>
        <translation>未标记</translation>
    </message>
</context>
<context>
    <name>EvidenceStrip</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_strip.py" line="103"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_strip.py" line="119"/>
        <source>Could not load</source>
        <translation>未能读取</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_strip.py" line="144"/>
        <source>Flagged: %1</source>
        <translation>已标记：%1</translation>
    </message>
</context>
<context>
    <name>EvidenceTextPanel</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="43"/>
        <source>Text in this image</source>
        <translation>图中文字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="50"/>
        <source>Search this image&apos;s text</source>
        <translation>搜索此图中的文字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="65"/>
        <source>Copy text</source>
        <translation>复制文字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="66"/>
        <source>Copy the selected lines (all lines when none is selected)</source>
        <translation>复制选中的行（未选中时复制全部）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="161"/>
        <source>1 line contains “{term}”</source>
        <translation>{n}行包含“{term}”</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="162"/>
        <source>{n} lines contain “{term}”</source>
        <translation>{n}行包含“{term}”</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="163"/>
        <source>No line contains “{term}”</source>
        <translation>没有包含“{term}”的行</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="165"/>
        <source>1 line read</source>
        <translation>识别出{n}行文字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="165"/>
        <source>{n} lines read</source>
        <translation>识别出{n}行文字</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="167"/>
        <source>No text found in this image.</source>
        <translation>此图中未识别到文字。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="169"/>
        <source>The text could not be read.</source>
        <translation>无法识别此图中的文字。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text_panel.py" line="171"/>
        <source>Not read yet: the text is read in the background.</source>
        <translation>尚未识别：文字正在后台识别。</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="322"/>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="386"/>
        <source>The buyer attached no evidence.</source>
        <translation>买家未上传凭证。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="400"/>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="401"/>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="403"/>
        <source>Fit window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="404"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="405"/>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="406"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="408"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="409"/>
        <source>Rotate</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="411"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="413"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="414"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="415"/>
        <source>Flag…</source>
        <translation>标记…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="416"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="469"/>
        <source>Evidence %1 of %2 — order %3</source>
        <translation>凭证 %1/%2 — 订单%3</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="530"/>
        <source>1 new image arrived: at the end of the strip</source>
        <translation>新到 1 张图片：在缩略图栏末尾</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="531"/>
        <source>{n} new images arrived: at the end of the strip</source>
        <translation>新到 {n} 张图片：在缩略图栏末尾</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="376"/>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="452"/>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="632"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="477"/>
        <source>Order {order} · image {n} of {count} · {kind}</source>
        <translation>订单{order} · 第{n}张，共{count}张 · {kind}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="615"/>
        <source>Could not load: {why}</source>
        <translation>未能读取：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="702"/>
        <source>Copied to the clipboard</source>
        <translation>已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="713"/>
        <source>Save evidence as</source>
        <translation>凭证另存为</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="721"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="725"/>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="730"/>
        <source>Flag this image</source>
        <translation>标记此图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="731"/>
        <source>What looks wrong? (e.g. looks edited)</source>
        <translation>哪里有问题？（例如：疑似修图）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="754"/>
        <source>Not flagged: {why}</source>
        <translation>未标记：{why}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="760"/>
        <source>Could not save the flag: {why}</source>
        <translation>未能保存标记：{why}</translation>
    </message>
</context>
</TS>
