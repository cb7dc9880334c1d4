<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Evidence</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="22" />
        <source>Empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="23" />
        <source>The file is damaged</source>
        <translation>文件已损坏</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="24" />
        <source>The image is too large</source>
        <translation>图片过大</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="25" />
        <source>Unsupported format</source>
        <translation>不支持的格式</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="26" />
        <source>Not downloaded yet</source>
        <translation>尚未下载</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="27" />
        <source>Could not be downloaded</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="28" />
        <source>Cannot be shown</source>
        <translation>无法显示</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="34" />
        <source>Same image</source>
        <translation>同图</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="35" />
        <source>Similar image</source>
        <translation>相似图</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="36" />
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="37" />
        <source>Card used</source>
        <translation>卡密已用</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="38" />
        <source>Late request</source>
        <translation>超时申请</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="39" />
        <source>Serial refunder</source>
        <translation>频繁退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="86" />
        <source>This image</source>
        <translation>此图</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="87" />
        <source>an image</source>
        <translation>一张图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="90" />
        <source>{this} is the very same file as {other} of order {order}.</source>
        <translation>{this}与订单{order}的{other}是同一个文件。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="93" />
        <source>{this} looks nearly identical to {other} of order {order} (perceptual hashes differ in {bits} bits).</source>
        <translation>{this}与订单{order}的{other}几乎相同（感知哈希相差{bits}位）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="97" />
        <source>{this} was saved by {software}, an image editor (EXIF Software).</source>
        <translation>{this}的EXIF显示经图片编辑软件{software}处理过。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="101" />
        <source>The card is partly used: {used} already spent.</source>
        <translation>卡密已部分使用，已用{used}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="103" />
        <source>The card has already been activated.</source>
        <translation>卡密已被激活。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="105" />
        <source>The buyer asked {after} after delivery, outside the {window}-minute refund window.</source>
        <translation>买家在发货{after}后才申请退款，超出{window}分钟的退款时限。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="109" />
        <source>1 refund</source>
        <translation>1次退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="110" />
        <source>{n} refunds</source>
        <translation>{n}次退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="111" />
        <source>1 order</source>
        <translation>1个订单</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="112" />
        <source>{n} orders</source>
        <translation>{n}个订单</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="113" />
        <source>This buyer asked for {refunds} on {orders} in 90 days.</source>
        <translation>该买家近90天在{orders}中申请了{refunds}。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_text.py" line="62" />
        <location filename="../../merchant_console/gui/evidence_text.py" line="68" />
        <source>image {n}</source>
        <translation>图{n}</translation>
    </message>
</context>
<context>
    <name>EvidenceFacts</name>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="9" />
        <location filename="../../ui/evidence_facts.ui" line="14" />
        <source>Image facts</source>
        <translation>图片信息</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="21" />
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="23" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="25" />
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="27" />
        <source>Camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="29" />
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="31" />
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="33" />
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="35" />
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="41" />
        <source>Risk signals</source>
        <translation>风险提示</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="53" />
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../ui/evidence_facts.ui" line="65" />
        <source>Flag this image…</source>
        <translation>标记此图片…</translation>
    </message>
</context>
<context>
    <name>EvidenceFactsPanel</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="138" />
        <source>%1 × %2 px</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="144" />
        <source>%1 (declared as %2)</source>
        <translation>%1（声明为 %2）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="158" />
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="158" />
        <source>Open refund</source>
        <translation>打开退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="174" />
        <source>Looks like an image in 1 other refund (perceptual hash; screenshots of the same app can look alike, so compare before deciding):</source>
        <translation>与另外1笔退款中的图片相似（感知哈希；同一应用的截图可能看起来相近，决定前请先对比）：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="176" />
        <source>Looks like images in {n} other refunds (perceptual hash; screenshots of the same app can look alike, so compare before deciding). Closest:</source>
        <translation>与另外{n}笔退款中的图片相似（感知哈希；同一应用的截图可能看起来相近，决定前请先对比）。最接近的：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="178" />
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="188" />
        <source>order {order}</source>
        <translation>订单{order}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="181" />
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="191" />
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="187" />
        <source>This very file is in {n} other refunds:</source>
        <translation>同一个文件还出现在另外{n}笔退款中：</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="204" />
        <source>None found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="208" />
        <source>Not flagged</source>
        <translation>未标记</translation>
    </message>
</context>
<context>
    <name>EvidenceStrip</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_strip.py" line="99" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_strip.py" line="135" />
        <source>Flagged: %1</source>
        <translation>已标记：%1</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="253" />
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="292" />
        <source>The buyer attached no evidence.</source>
        <translation>买家未上传凭证。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="314" />
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="315" />
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="317" />
        <source>Fit window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="318" />
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="319" />
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="320" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="322" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="323" />
        <source>Rotate</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="325" />
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="327" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="328" />
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="329" />
        <source>Flag…</source>
        <translation>标记…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="330" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="365" />
        <source>Evidence %1 of %2 — order %3</source>
        <translation>凭证 %1/%2 — 订单%3</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="368" />
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="443" />
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="390" />
        <source>Order {order} · image {n} of {count} · {kind}</source>
        <translation>订单{order} · 第{n}张，共{count}张 · {kind}</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="516" />
        <source>Copied to the clipboard</source>
        <translation>已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="527" />
        <source>Save evidence as</source>
        <translation>凭证另存为</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="535" />
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="539" />
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="544" />
        <source>Flag this image</source>
        <translation>标记此图片</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/evidence_viewer.py" line="545" />
        <source>What looks wrong? (e.g. looks edited)</source>
        <translation>哪里有问题？（例如：疑似修图）</translation>
    </message>
</context>
</TS>