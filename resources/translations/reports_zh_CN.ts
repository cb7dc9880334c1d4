<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditTrailWidget</name>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="58"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="58"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="58"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="58"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="74"/>
        <source>Select a refund to see its audit trail.</source>
        <translation>选择一笔退款以查看其审计记录。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="77"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="86"/>
        <source>Could not read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="93"/>
        <source>The audit log is empty: nothing has been decided in this console yet.</source>
        <translation>审计日志为空：此工作台还没有做过任何处理。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="96"/>
        <source>Audit log intact (1 entry checked).</source>
        <translation>审计日志完整（已校验1条）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="97"/>
        <source>Audit log intact (%1 entries checked).</source>
        <translation>审计日志完整（已校验 %1 条）。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="101"/>
        <source>Audit log BROKEN at entry %1: it was edited outside the console.</source>
        <translation>审计日志在第 %1 条处损坏：日志曾在本软件之外被修改。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="116"/>
        <source>No audit entries for this refund. Decisions made in this console appear here; decisions made elsewhere are in the platform&apos;s history.</source>
        <translation>这笔退款没有审计记录。在本工作台做出的处理会显示在这里；在其他地方做出的处理请查看平台的处理记录。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="124"/>
        <source>Console (upload)</source>
        <translation>工作台（上传）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="128"/>
        <source>Decision saved</source>
        <translation>处理已保存</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="129"/>
        <source>Decision accepted by the platform</source>
        <translation>平台已接受处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="130"/>
        <source>Decision superseded (decided elsewhere first)</source>
        <translation>处理已失效（已在别处先行处理）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="131"/>
        <source>Decision refused by the platform</source>
        <translation>平台拒绝了该处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="132"/>
        <source>Conflict seen and put away</source>
        <translation>冲突已确认知悉</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="133"/>
        <source>Appeal statement saved</source>
        <translation>申诉说明已保存</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="134"/>
        <source>Statement accepted by the platform</source>
        <translation>平台已接受申诉说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="135"/>
        <source>Statement superseded</source>
        <translation>申诉说明已失效</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="136"/>
        <source>Statement refused by the platform</source>
        <translation>平台拒绝了申诉说明</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="137"/>
        <source>Report exported</source>
        <translation>报表已导出</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="149"/>
        <source>approve</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="149"/>
        <source>partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_audit_trail.py" line="150"/>
        <source>reject</source>
        <translation>拒绝退款</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="296"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="301"/>
        <source>Refunds received</source>
        <translation>收到退款申请</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="301"/>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="302"/>
        <location filename="../../merchant_console/gui/reports_window.py" line="384"/>
        <source>Approved</source>
        <translation>同意退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="302"/>
        <source>Partial refunds</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="303"/>
        <location filename="../../merchant_console/gui/reports_window.py" line="385"/>
        <source>Rejected</source>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="303"/>
        <source>Money requested</source>
        <translation>申请金额</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="304"/>
        <source>Money refunded</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="304"/>
        <source>SLA compliance</source>
        <translation>按时处理率</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="305"/>
        <source>Median response</source>
        <translation>响应时长中位数</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="305"/>
        <source>P90 response</source>
        <translation>响应时长 P90</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="306"/>
        <source>Auto-approved by platform</source>
        <translation>极速退款自动同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="306"/>
        <source>Urged by buyers</source>
        <translation>买家催办</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="307"/>
        <source>Escalated to platform</source>
        <translation>平台介入</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="307"/>
        <source>Appeals</source>
        <translation>买家申诉</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="315"/>
        <source>Share of staff decisions made before the response deadline</source>
        <translation>员工在处理期限前完成处理的比例</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="316"/>
        <source>From the buyer&apos;s request to the decision</source>
        <translation>从买家提交申请到做出处理的时长</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="317"/>
        <source>Nine in ten decisions were at least this fast</source>
        <translation>九成处理不慢于此时长</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="345"/>
        <source>Proposals made</source>
        <translation>发起协商方案</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="345"/>
        <source>Accepted by the buyer</source>
        <translation>买家同意</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="346"/>
        <source>Declined by the buyer</source>
        <translation>买家拒绝</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="346"/>
        <source>Expired unanswered</source>
        <translation>买家未答复而过期</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="347"/>
        <source>Money kept by negotiation</source>
        <translation>协商保留金额</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="347"/>
        <source>Extensions used</source>
        <translation>延长处理时限</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="348"/>
        <source>Evidence requests answered in time</source>
        <translation>按时补充凭证</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="349"/>
        <source>Median time to answer a buyer</source>
        <translation>回复买家用时中位数</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="357"/>
        <source>On the partial proposals buyers accepted: what they asked minus what was refunded</source>
        <translation>买家已同意的部分退款方案中：买家申请金额减去实际退款金额</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="359"/>
        <source>Customer service&apos;s evidence requests whose time to answer ended in the period</source>
        <translation>补充时限在本周期内到期的平台客服补充凭证要求</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="361"/>
        <source>From a buyer&apos;s message to the shop&apos;s next message</source>
        <translation>从买家留言到店铺下一次回复</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="369"/>
        <source>After-sale conversation by staff member</source>
        <translation>员工售后协商情况</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="374"/>
        <location filename="../../merchant_console/gui/reports_window.py" line="538"/>
        <source>After-sale conversation</source>
        <translation>售后协商</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="378"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="378"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="378"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="379"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="379"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="380"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="380"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="383"/>
        <source>All actions</source>
        <translation>全部处理结果</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="384"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="387"/>
        <source>Staff or platform</source>
        <translation>员工或平台</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="388"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="389"/>
        <source>Platform (auto or CS)</source>
        <translation>平台（极速退款或客服）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="390"/>
        <source>All categories</source>
        <translation>全部类目</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="393"/>
        <source>All channels</source>
        <translation>全部支付渠道</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="396"/>
        <source>All staff</source>
        <translation>全部员工</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="397"/>
        <source>All reasons</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="398"/>
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="398"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="398"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="408"/>
        <source>Reports are for managers and owners. Your role (%1) cannot see or export them.</source>
        <translation>报表仅供店长和店主使用。您的角色（%1）不能查看或导出报表。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="409"/>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="419"/>
        <source>Could not read the local database: %1</source>
        <translation>无法读取本地数据库：%1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="466"/>
        <source>The period starts after it ends: pick a “From” date on or before “To”.</source>
        <translation>开始日期晚于结束日期：请选择不晚于“结束”的“开始”日期。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="469"/>
        <source>Calculating…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="496"/>
        <source>Nothing has been synced yet. Reports fill in once the console has synced refunds from the platform.</source>
        <translation>尚未同步任何数据。工作台从平台同步退款后，报表才会有内容。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="499"/>
        <source>No decisions in this period with these filters. Try a longer period or clear a filter.</source>
        <translation>该周期内没有符合筛选条件的处理记录。请尝试更长的周期或清除筛选条件。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="502"/>
        <source>%1 decisions · times in %2</source>
        <translation>共 %1 条处理记录 · 时间为 %2</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="502"/>
        <source>1 decision · times in %2</source>
        <translation>1条处理记录 · 时间为%2</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="516"/>
        <source>%1 of %2 on time</source>
        <translation>%2 条中 %1 条按时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="524"/>
        <source>%1 upheld · %2 overturned · %3 pending</source>
        <translation>维持 %1 · 改判 %2 · 待裁定 %3</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="535"/>
        <source>No after-sale conversation in this period: no proposals, extensions, evidence requests or buyer messages.</source>
        <translation>本周期内没有售后协商：没有协商方案、延长时限、补充凭证要求或买家留言。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="543"/>
        <source>%1 waiting for the buyer · %2 re-issued cards</source>
        <translation>%1 个等待买家答复 · 补发卡密 %2 张</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="548"/>
        <source>of %1 asked</source>
        <translation>买家申请 %1</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="549"/>
        <source>%1 h in all</source>
        <translation>共 %1 小时</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="551"/>
        <source>%1 · %2 late · %3 not answered</source>
        <translation>%1 · 逾期 %2 · 未补充 %3</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="553"/>
        <source>%1 of %2 messages answered</source>
        <translation>已回复 %1 / %2 条留言</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="557"/>
        <source>The action, decider and reason filters do not apply to conversations: a conversation is not a decision.</source>
        <translation>按处理结果、处理方和原因的筛选不适用于售后协商：协商不是处理决定。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="572"/>
        <source>After-sale conversation (%1)</source>
        <translation>售后协商（%1）</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="580"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="612"/>
        <source>Exporting %1 to %2…</source>
        <translation>正在导出%1到 %2…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="650"/>
        <source>Exported 1 decision as %2 to %3</source>
        <translation>已将1条处理记录导出为%2：%3</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="651"/>
        <source>Exported %1 decisions as %2 to %3</source>
        <translation>已将%1条处理记录导出为%2：%3</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="579"/>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="636"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="677"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../merchant_console/gui/reports_window.py" line="680"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="9"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="15"/>
        <source>Period and filters</source>
        <translation>周期与筛选</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="20"/>
        <source>&amp;Period</source>
        <translation>周期(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="29"/>
        <source>&amp;From</source>
        <translation>开始(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="41"/>
        <source>&amp;To</source>
        <translation>结束(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="53"/>
        <source>&amp;Staff</source>
        <translation>员工(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="62"/>
        <source>&amp;Action</source>
        <translation>处理结果(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="71"/>
        <source>&amp;Decided by</source>
        <translation>处理方(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="80"/>
        <source>Categor&amp;y</source>
        <translation>类目(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="89"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="98"/>
        <source>C&amp;hannel</source>
        <translation>支付渠道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="122"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="126"/>
        <source>Decisions</source>
        <translation>处理明细</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="130"/>
        <source>Decisions in the period</source>
        <translation>本期处理明细</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="154"/>
        <source>Ope&amp;n</source>
        <translation>打开(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="160"/>
        <source>Show in fo&amp;lder</source>
        <translation>在文件夹中显示(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="155"/>
        <source>Open the exported file</source>
        <translation>打开导出的文件</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="161"/>
        <source>Show the folder the file was saved in</source>
        <translation>打开文件所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="172"/>
        <source>&amp;Cancel export</source>
        <translation>取消导出(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="177"/>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_window.ui" line="186"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
</context>
</TS>
