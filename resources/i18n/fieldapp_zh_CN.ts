<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../fieldapp/ui/app.py" line="144"/>
        <source>Cannot open the store</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../fieldapp/ui/common.py" line="51"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="14"/>
        <source>Chain of custody: hand over sample</source>
        <translation>样品交接（流转记录）</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="23"/>
        <source>Each hand-over is recorded for good and cannot be edited afterwards.</source>
        <translation>每次交接都会永久记录，之后不能修改。</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="33"/>
        <source>&amp;From:</source>
        <translation>交出人(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="47"/>
        <source>&amp;To:</source>
        <translation>接收人(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="57"/>
        <source>person or laboratory receiving the sample</source>
        <translation>接收样品的人员或实验室</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="64"/>
        <source>&amp;When:</source>
        <translation>时间(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="84"/>
        <source>&amp;Where:</source>
        <translation>地点(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="98"/>
        <source>&amp;Condition:</source>
        <translation>样品状况(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="108"/>
        <source>e.g. sealed, intact, kept at 4 °C</source>
        <translation>例如：密封完好，4 ℃冷藏</translation>
    </message>
    <message>
        <location filename="../../forms/custody_dialog.ui" line="115"/>
        <source>New &amp;status:</source>
        <translation>新状态(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>Exceedance</name>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="66"/>
        <source>cannot judge: unit</source>
        <translation>无法判定：单位不明</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="79"/>
        <source>out of range (low)</source>
        <translation>超出范围（偏低）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="81"/>
        <source>out of range (high)</source>
        <translation>超出范围（偏高）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="86"/>
        <source>within limit</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="89"/>
        <source>not detected</source>
        <translation>未检出</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="93"/>
        <source>&lt;LOD, but LOD above limit</source>
        <translation>低于检出限，但检出限高于限值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="96"/>
        <source>below LOD</source>
        <translation>低于检出限</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="99"/>
        <source>cannot judge (&quot;&gt;&quot; reading)</source>
        <translation>无法判定（“&gt;”读数）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="101"/>
        <source>no limit</source>
        <translation>无限值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="109"/>
        <source> (source area)</source>
        <translation>（水源地限值）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="115"/>
        <source>GB 3838-2002 drinking-water source area</source>
        <translation>GB 3838-2002 集中式饮用水水源地</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="117"/>
        <source>Standard: {0}</source>
        <translation>适用标准：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="119"/>
        <source>Source: {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="121"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="122"/>
        <source>standard value to verify</source>
        <translation>标准值待核实</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="123"/>
        <source>uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="124"/>
        <source>Confidence: {0}</source>
        <translation>可信度：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="127"/>
        <source>GB 3838 gives this pollutant one value, defined for drinking-water source areas; it is applied here as a reference.</source>
        <translation>GB 3838 对该污染物只规定了集中式生活饮用水地表水源地的单一限值，此处作为参考值使用。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/exceedance_colours.py" line="130"/>
        <source>Double-click to open the pollutant page.</source>
        <translation>双击打开该污染物的工具包页面。</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="14"/>
        <source>Team identity</source>
        <translation>队伍身份</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="23"/>
        <source>FieldApp stamps every record with who made it, so the working group can tell teams apart when data are merged. Enter this once; you can change it later in the File menu.</source>
        <translation>每条记录都会标注由谁记录，工作组汇总多支队伍的数据时才能分清来源。只需填写一次，以后可在“文件”菜单中修改。</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="33"/>
        <source>Reporting &amp;unit:</source>
        <translation>报告单位(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="43"/>
        <source>e.g. Some County Ecology and Environment Bureau</source>
        <translation>例如：某县生态环境局</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="50"/>
        <source>&amp;Team name:</source>
        <translation>队伍名称(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="60"/>
        <source>e.g. Monitoring team 1</source>
        <translation>例如：应急监测一队</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="67"/>
        <source>&amp;Members:</source>
        <translation>队员(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="77"/>
        <source>names, separated by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="84"/>
        <source>&amp;Device name:</source>
        <translation>设备名称(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../forms/identity_dialog.ui" line="94"/>
        <source>e.g. laptop-01</source>
        <translation>例如：笔记本01</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="14"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="23"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="33"/>
        <source>e.g. Tailings pond leak into the X river</source>
        <translation>例如：某尾矿库泄漏污染某河</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="40"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="54"/>
        <source>&amp;Location:</source>
        <translation>地点(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="64"/>
        <source>county, river, landmark</source>
        <translation>县、河流、地标</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="71"/>
        <source>&amp;Discovered at:</source>
        <translation>发现时间(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="91"/>
        <source>Applicable &amp;standard:</source>
        <translation>适用标准(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../forms/incident_dialog.ui" line="105"/>
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>InstrumentsPanel</name>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="11"/>
        <source>Connect a device</source>
        <translation>连接设备</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="15"/>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="29"/>
        <source>Re&amp;fresh ports</source>
        <translation>刷新端口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="34"/>
        <source>Pro&amp;file:</source>
        <translation>配置(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="47"/>
        <source>Profile file…</source>
        <translation>配置文件…</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="48"/>
        <source>Add a device profile (.yaml) describing an instrument FieldApp does not know</source>
        <translation>添加设备配置文件（.yaml），描述 FieldApp 尚不认识的仪器</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="53"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="59"/>
        <source>e.g. WTW-1</source>
        <translation>例如 WTW-1</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="64"/>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="90"/>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="112"/>
        <source>&amp;Record current values (F9)</source>
        <translation>记录当前读数(&amp;R) (F9)</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="117"/>
        <source>&amp;Auto-record every</source>
        <translation>自动记录(&amp;A)，间隔</translation>
    </message>
    <message>
        <location filename="../../forms/instruments_panel.ui" line="122"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="70"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="70"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="71"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="71"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="72"/>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="137"/>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="141"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="137"/>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="138"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="138"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="139"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="141"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="142"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="142"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="143"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="143"/>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="197"/>
        <source>Device profile</source>
        <translation>设备配置文件</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="198"/>
        <source>Device profiles (*.yaml *.yml)</source>
        <translation>设备配置文件 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="213"/>
        <source>Profile {0} added.</source>
        <translation>已添加设备配置 {0}。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="228"/>
        <source>Choose a port and a device profile first.</source>
        <translation>请先选择端口和设备配置。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="255"/>
        <source>Readings go to point {0}</source>
        <translation>读数记入点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="257"/>
        <source>No sampling point selected: readings are kept, linked to the incident only.</source>
        <translation>未选择采样点：读数照常保存，仅关联到本事件。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="279"/>
        <source>⚠ Readings are not being saved yet: {0}</source>
        <translation>⚠ 读数暂未能保存：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="364"/>
        <source>GPS: no fix</source>
        <translation>GPS：未定位</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="368"/>
        <source>{0} sat.</source>
        <translation>{0} 颗卫星</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="371"/>
        <source>GPS: {0:.6f}, {1:.6f}</source>
        <translation>GPS：{0:.6f}, {1:.6f}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="381"/>
        <source>Select a sampling point first.</source>
        <translation>请先选择采样点。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="385"/>
        <source>No live values to record yet.</source>
        <translation>还没有可记录的实时读数。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="402"/>
        <source>Recorded {0} value(s) at {1}.</source>
        <translation>已在 {1} 记录 {0} 个读数。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="405"/>
        <source>Not recorded: {0}</source>
        <translation>未记录：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/instruments_panel.py" line="442"/>
        <source>Instruments</source>
        <translation>仪器</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="16"/>
        <source>Upstream control</source>
        <translation>上游对照断面</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="17"/>
        <source>Pollution source</source>
        <translation>污染源</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="18"/>
        <source>Downstream section</source>
        <translation>下游断面</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="19"/>
        <source>Drinking-water intake</source>
        <translation>饮用水取水口</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="20"/>
        <source>Background</source>
        <translation>背景点</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="21"/>
        <location filename="../../fieldapp/ui/labels.py" line="62"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="27"/>
        <source>Water</source>
        <translation>水</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="28"/>
        <source>Air</source>
        <translation>空气</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="29"/>
        <source>Soil</source>
        <translation>土壤</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="30"/>
        <source>Sediment</source>
        <translation>底泥</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="36"/>
        <source>Collected</source>
        <translation>已采集</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="37"/>
        <source>In transit</source>
        <translation>运送中</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="38"/>
        <source>Received by lab</source>
        <translation>实验室已接收</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="39"/>
        <source>Analysed</source>
        <translation>已分析</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="40"/>
        <source>Disposed</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="46"/>
        <source>Observation</source>
        <translation>现场观察</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="47"/>
        <source>Action</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="48"/>
        <source>Decision</source>
        <translation>决策</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="49"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="50"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="51"/>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="57"/>
        <source>Tailings pond leak</source>
        <translation>尾矿库泄漏</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="58"/>
        <source>Road tanker accident</source>
        <translation>道路槽罐车事故</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="59"/>
        <source>Plant fire-water runoff</source>
        <translation>企业消防废水外溢</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="60"/>
        <source>Pipeline oil leak</source>
        <translation>输油管道泄漏</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="61"/>
        <source>Industrial heavy-metal discharge</source>
        <translation>企业重金属违法排放</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="68"/>
        <source>GB 3838-2002 class I</source>
        <translation>GB 3838-2002 Ⅰ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="69"/>
        <source>GB 3838-2002 class II</source>
        <translation>GB 3838-2002 Ⅱ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="70"/>
        <source>GB 3838-2002 class III (default)</source>
        <translation>GB 3838-2002 Ⅲ类（默认）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="71"/>
        <source>GB 3838-2002 class IV</source>
        <translation>GB 3838-2002 Ⅳ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="72"/>
        <source>GB 3838-2002 class V</source>
        <translation>GB 3838-2002 Ⅴ类</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/labels.py" line="73"/>
        <source>GB 5749-2022 drinking water</source>
        <translation>GB 5749-2022 生活饮用水</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../forms/main_window.ui" line="6"/>
        <source>FieldApp</source>
        <translation>FieldApp 环境应急现场助手</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="15"/>
        <source>&amp;Incident:</source>
        <translation>当前事件(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="32"/>
        <source>New incident…</source>
        <translation>新建事件…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="42"/>
        <source>Sampling</source>
        <translation>采样记录</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="51"/>
        <source>Sampling points</source>
        <translation>采样点位</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="63"/>
        <source>&amp;Add point</source>
        <translation>添加点位(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="64"/>
        <source>&amp;Edit point</source>
        <translation>编辑点位(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="65"/>
        <source>&amp;Delete point</source>
        <translation>删除点位(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="72"/>
        <source>Measurements</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="78"/>
        <location filename="../../forms/main_window.ui" line="151"/>
        <source>Add &amp;measurement</source>
        <translation>录入监测数据(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="82"/>
        <source>Samples and custody</source>
        <translation>样品与交接</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="90"/>
        <source>Add &amp;sample</source>
        <translation>登记样品(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="91"/>
        <source>&amp;Hand over sample…</source>
        <translation>样品交接(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="94"/>
        <source>Chain of custody of the selected sample</source>
        <translation>所选样品的交接记录</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="99"/>
        <source>Incident log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="105"/>
        <source>What happened, what was decided, what you saw — then Enter</source>
        <translation>发生了什么、做了什么决定、看到了什么——输入后按回车</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="106"/>
        <source>Add to &amp;log</source>
        <translation>记入日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="122"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="130"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="136"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="145"/>
        <source>&amp;New incident…</source>
        <translation>新建事件(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="145"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="146"/>
        <source>Create &amp;demo incident</source>
        <translation>创建演示事件(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="147"/>
        <source>Team &amp;identity…</source>
        <translation>队伍身份(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="148"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="148"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="149"/>
        <location filename="../../fieldapp/ui/main_window.py" line="447"/>
        <source>&amp;Undo last change</source>
        <translation>撤销上一步(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="149"/>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="150"/>
        <source>Add &amp;point</source>
        <translation>添加点位(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="150"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../forms/main_window.ui" line="151"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="33"/>
        <source>ND</source>
        <translation>未检出</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="86"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="87"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="88"/>
        <source>Role</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="89"/>
        <source>Media</source>
        <translation>介质</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="90"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="91"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="94"/>
        <source>Measured at</source>
        <translation>监测时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="96"/>
        <source>Parameter</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="97"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="98"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="99"/>
        <source>Limit</source>
        <translation>标准限值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="100"/>
        <source>Exceedance</source>
        <translation>超标倍数</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="101"/>
        <source>As entered</source>
        <translation>原始输入</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="103"/>
        <source>Sample</source>
        <translation>样品</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="104"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="110"/>
        <source>Sample code</source>
        <translation>样品编号</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="111"/>
        <source>Collected at</source>
        <translation>采样时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="113"/>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="114"/>
        <source>Preservative</source>
        <translation>保存剂</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="115"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="118"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="119"/>
        <source>From</source>
        <translation>交出人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="120"/>
        <source>To</source>
        <translation>接收人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="121"/>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="122"/>
        <source>Condition</source>
        <translation>状况</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="126"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="127"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="128"/>
        <source>Who</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="129"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="234"/>
        <source>No incident yet: create one, or load the demo.</source>
        <translation>还没有事件：请新建事件，或加载演示事件。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="236"/>
        <source>DEMO DATA — not a real incident. </source>
        <translation>演示数据——非真实事件。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="238"/>
        <source>Discovered {0} · standard {1}</source>
        <translation>发现时间 {0} · 适用标准 {1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="331"/>
        <source>add point {0}</source>
        <translation>添加点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="348"/>
        <source>edit point {0}</source>
        <translation>编辑点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="357"/>
        <source>Delete point?</source>
        <translation>删除点位？</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="358"/>
        <source>Delete sampling point {0} ({1}) with its {2} measurement(s) from the list?
It is kept as a deleted record and can be restored with Undo.</source>
        <translation>确定从列表中删除采样点位 {0}（{1}）及其 {2} 条监测数据吗？
记录会作为已删除保留，可以用“撤销”恢复。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="366"/>
        <source>delete point {0}</source>
        <translation>删除点位 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="388"/>
        <source>add sample {0}</source>
        <translation>登记样品 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="411"/>
        <source>add measurement {0}</source>
        <translation>录入监测数据 {0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="434"/>
        <source>&amp;Undo {0}</source>
        <translation>撤销：{0}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="435"/>
        <source>Saved: {0}. Ctrl+Z undoes it.</source>
        <translation>已保存：{0}。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/main_window.py" line="448"/>
        <source>Undone: {0}</source>
        <translation>已撤销：{0}</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../forms/map_panel.ui" line="31"/>
        <source>Building the map…</source>
        <translation>正在生成地图…</translation>
    </message>
    <message>
        <location filename="../../forms/map_panel.ui" line="53"/>
        <source>Select a sampling point in the table or on the map.</source>
        <translation>在表格或地图上选择一个采样点。</translation>
    </message>
    <message>
        <location filename="../../forms/map_panel.ui" line="61"/>
        <source>Warehouses within:</source>
        <translation>物资库搜索半径：</translation>
    </message>
    <message>
        <location filename="../../forms/map_panel.ui" line="67"/>
        <source> km</source>
        <translation> km</translation>
    </message>
    <message>
        <location filename="../../forms/map_panel.ui" line="75"/>
        <source>&amp;Refresh map</source>
        <translation>刷新地图(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/map_panel.ui" line="85"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../forms/map_panel.ui" line="86"/>
        <source>Answer</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="236"/>
        <source>The map could not be built: {0}</source>
        <translation>无法生成地图：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="248"/>
        <source>The map page did not start.</source>
        <translation>地图页面未能启动。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="332"/>
        <source>River chainage</source>
        <translation>河道里程</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="335"/>
        <location filename="../../fieldapp/ui/map_panel.py" line="342"/>
        <source>along the river</source>
        <translation>沿河</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="335"/>
        <location filename="../../fieldapp/ui/map_panel.py" line="342"/>
        <source>straight line</source>
        <translation>直线</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="336"/>
        <source> (upstream)</source>
        <translation>（上游）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="337"/>
        <source>From the source</source>
        <translation>距污染源</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="340"/>
        <location filename="../../fieldapp/ui/map_panel.py" line="343"/>
        <source>Nearest downstream intake</source>
        <translation>最近的下游取水口</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="340"/>
        <source>none downstream</source>
        <translation>下游无取水口</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="347"/>
        <source>{0} within {1} km</source>
        <translation>{1} km 内的{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="348"/>
        <source>{0} warehouse(s)</source>
        <translation>{0} 个物资库</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="348"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/map_panel.py" line="396"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="14"/>
        <source>Measurement</source>
        <translation>监测数据</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="23"/>
        <source>Value: a number, &lt;LOD (e.g. &lt;0.001) or ND for not detected. Units are converted on entry; what you type is kept.</source>
        <translation>数值：填数字；低于检出限填 &lt;检出限（如 &lt;0.001）；未检出填 ND。单位会自动换算，原始输入同时保留。</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="33"/>
        <source>&amp;Parameter:</source>
        <translation>监测项目(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="50"/>
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="60"/>
        <source>0.012 / &lt;0.001 / ND</source>
        <translation>0.012 / &lt;0.001 / ND</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="67"/>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="84"/>
        <source>Measured &amp;at:</source>
        <translation>监测时间(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="104"/>
        <source>&amp;Sample:</source>
        <translation>样品(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="118"/>
        <source>M&amp;ethod:</source>
        <translation>方法(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="128"/>
        <source>e.g. portable anodic stripping, ICP-MS</source>
        <translation>例如：便携式阳极溶出仪、ICP-MS</translation>
    </message>
    <message>
        <location filename="../../forms/measurement_dialog.ui" line="135"/>
        <source>&amp;Instrument:</source>
        <translation>仪器(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/measurement_dialog.py" line="30"/>
        <source>(no sample: in-situ reading)</source>
        <translation>（无样品：现场直读）</translation>
    </message>
</context>
<context>
    <name>PointDialog</name>
    <message>
        <location filename="../../forms/point_dialog.ui" line="14"/>
        <source>Sampling point</source>
        <translation>采样点位</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="23"/>
        <source>Type coordinates as decimal degrees (24.6512) or degrees-minutes-seconds (24°39&apos;04&quot;N). Press Enter to move to the next field.</source>
        <translation>坐标可填十进制度（24.6512）或度分秒（24°39&apos;04&quot;N）。按回车跳到下一项。</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="33"/>
        <source>&amp;Role:</source>
        <translation>点位类型(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="47"/>
        <source>&amp;Code:</source>
        <translation>编号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="57"/>
        <source>generated automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="64"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="74"/>
        <source>e.g. 5 km downstream, below the bridge</source>
        <translation>例如：下游5 km，桥下</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="81"/>
        <source>&amp;Media:</source>
        <translation>介质(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="95"/>
        <source>&amp;Latitude:</source>
        <translation>纬度(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="105"/>
        <source>24.6512 or 24°39&apos;04&quot;N</source>
        <translation>24.6512 或 24°39&apos;04&quot;N</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="112"/>
        <source>L&amp;ongitude:</source>
        <translation>经度(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="122"/>
        <source>108.3301 or 108°19&apos;48&quot;E</source>
        <translation>108.3301 或 108°19&apos;48&quot;E</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="140"/>
        <source>Use &amp;GPS position</source>
        <translation>使用GPS定位(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="147"/>
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../forms/point_dialog.ui" line="157"/>
        <source>what is here, access, landmarks</source>
        <translation>现场情况、到达路线、地标</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/point_dialog.py" line="59"/>
        <source>No GPS fix yet: check the receiver has a clear sky.</source>
        <translation>GPS尚未定位：请确认接收机上方无遮挡。</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../forms/report_panel.ui" line="11"/>
        <source>Reporting deadlines</source>
        <translation>报告时限</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="13"/>
        <source>Proposed incident level</source>
        <translation>建议事件级别</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="15"/>
        <source>Facts and narrative</source>
        <translation>事实与文字说明</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="17"/>
        <source>Deaths</source>
        <translation>死亡人数</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="19"/>
        <source>Poisoned or seriously injured</source>
        <translation>中毒或重伤人数</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="21"/>
        <source>Evacuated</source>
        <translation>疏散转移人数</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="23"/>
        <source>Direct economic loss (yuan)</source>
        <translation>直接经济损失（元）</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="25"/>
        <source>Drinking-water intake interrupted</source>
        <translation>饮用水水源取水中断</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="27"/>
        <source>Reporting unit</source>
        <translation>报告单位</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="29"/>
        <source>Signatory</source>
        <translation>签发人</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="31"/>
        <source>Contact</source>
        <translation>联系人及联系方式</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="33"/>
        <source>Information source</source>
        <translation>信息来源</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="35"/>
        <source>Cause and nature</source>
        <translation>事件起因和性质</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="37"/>
        <source>Trend</source>
        <translation>发展趋势</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="39"/>
        <source>Measures taken</source>
        <translation>已采取措施</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="41"/>
        <source>Next steps</source>
        <translation>下一步工作建议</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="43"/>
        <source>Handling process</source>
        <translation>处置过程</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="45"/>
        <source>Results</source>
        <translation>处置结果</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="47"/>
        <source>Harm and losses</source>
        <translation>危害与损失</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="49"/>
        <source>Remaining problems</source>
        <translation>遗留问题</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="52"/>
        <source>Save facts</source>
        <translation>保存事实</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="62"/>
        <source>Generate PDF</source>
        <translation>生成PDF</translation>
    </message>
    <message>
        <location filename="../../forms/report_panel.ui" line="63"/>
        <source>Issue and archive</source>
        <translation>签发并存档</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation type="vanished">尚不清楚</translation>
    </message>
    <message>
        <source>no</source>
        <translation type="vanished">否</translation>
    </message>
    <message>
        <source>yes: township source</source>
        <translation type="vanished">是：乡镇水源</translation>
    </message>
    <message>
        <source>yes: county-level city source</source>
        <translation type="vanished">是：县级城市水源</translation>
    </message>
    <message>
        <source>yes: districted city or above</source>
        <translation type="vanished">是：设区的市级以上城市水源</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="95"/>
        <source>Initial report</source>
        <translation>初报</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="96"/>
        <source>Follow-up report</source>
        <translation>续报</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="97"/>
        <source>Final report</source>
        <translation>处理结果报告</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="149"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="180"/>
        <source> (provisional)</source>
        <translation>（初步）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="184"/>
        <source>Report on the {0} track ({1} h):</source>
        <translation>按{0}级程序报告（{1}小时）：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="205"/>
        <source>Making the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="223"/>
        <source>{0}: {1} pages, saved to {2}</source>
        <translation>{0}：共{1}页，已保存到 {2}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="226"/>
        <source>Issued and archived (cannot be changed).</source>
        <translation>已签发并存档（不可更改）。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="229"/>
        <source>Still missing: {0}</source>
        <translation>仍待补充：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="237"/>
        <source>Not made: {0}</source>
        <translation>未生成：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/report_panel.py" line="251"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="14"/>
        <source>Sample</source>
        <translation>样品</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="23"/>
        <source>Sample &amp;code:</source>
        <translation>样品编号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="33"/>
        <source>generated automatically</source>
        <translation>自动生成</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="40"/>
        <source>&amp;Matrix:</source>
        <translation>样品类型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="54"/>
        <source>Collected &amp;at:</source>
        <translation>采样时间(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="74"/>
        <source>Collected &amp;by:</source>
        <translation>采样人(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="88"/>
        <source>&amp;Depth (m):</source>
        <translation>采样深度 m(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="98"/>
        <source>optional, e.g. 0.5</source>
        <translation>可不填，例如 0.5</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="105"/>
        <source>C&amp;ontainer:</source>
        <translation>容器(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../forms/sample_dialog.ui" line="122"/>
        <source>&amp;Preservative:</source>
        <translation>保存剂(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>Shutdown</name>
    <message>
        <location filename="../../fieldapp/ui/shutdown.py" line="23"/>
        <source>Saving… finishing: {0}</source>
        <translation>正在保存…等待完成：{0}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/shutdown.py" line="24"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../forms/sync_panel.ui" line="6"/>
        <location filename="../../fieldapp/ui/sync_panel.py" line="322"/>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="10"/>
        <source>This laptop&apos;s team key</source>
        <translation>本机队伍密钥</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="15"/>
        <source>Save key &amp;file…</source>
        <translation>保存密钥文件…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="23"/>
        <source>Export a bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="25"/>
        <source>&amp;Changes since the last bundle to this peer</source>
        <translation>仅导出上次发给该对象之后的变更(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="26"/>
        <source>&amp;Everything (full)</source>
        <translation>全部数据(完整)(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="27"/>
        <source>&amp;Peer:</source>
        <translation>接收方(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="29"/>
        <source>Encrypt &amp;to:</source>
        <translation>加密给(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="31"/>
        <source>E&amp;xport bundle…</source>
        <translation>导出数据包…(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="37"/>
        <source>Import a bundle</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="39"/>
        <source>&amp;Import bundle…</source>
        <translation>导入数据包…(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="43"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="55"/>
        <source>Receipt</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="58"/>
        <source>Save receipt…</source>
        <translation>保存回执…</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="62"/>
        <source>Conflicts to review</source>
        <translation>待审核冲突</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="65"/>
        <source>Mark selected as &amp;reviewed</source>
        <translation>将所选标记为已审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="69"/>
        <source>Trusted team keys</source>
        <translation>受信任的队伍密钥</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="74"/>
        <source>Trust a key file…</source>
        <translation>信任密钥文件…</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="75"/>
        <source>Remove selected key</source>
        <translation>删除所选密钥</translation>
    </message>
    <message>
        <location filename="../../forms/sync_panel.ui" line="81"/>
        <source>By team</source>
        <translation>按队伍</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="79"/>
        <source>Team: %1   Device: %2</source>
        <translation>队伍:%1   设备:%2</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="84"/>
        <source>Read-aloud code: %1</source>
        <translation>口述校验码:%1</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="100"/>
        <source>Code</source>
        <translation>校验码</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="101"/>
        <location filename="../../fieldapp/ui/sync_panel.py" line="115"/>
        <location filename="../../fieldapp/ui/sync_panel.py" line="140"/>
        <source>Team</source>
        <translation>队伍</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="102"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="103"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="112"/>
        <location filename="../../fieldapp/ui/sync_panel.py" line="141"/>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="113"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="114"/>
        <source>Kept version</source>
        <translation>保留的版本</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="116"/>
        <source>Edited at</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="117"/>
        <source>Current value</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="134"/>
        <source>Conflicts to review (%1)</source>
        <translation>待审核冲突(%1)</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="142"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="168"/>
        <source>Export bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="184"/>
        <source>Import bundle</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="198"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="200"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="224"/>
        <source>Bundle written: %1 records (%2).</source>
        <translation>数据包已写出:%1 条记录(%2)。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="234"/>
        <source>Imported: %1 added, %2 updated, %3 conflicts kept for review, %4 refused.</source>
        <translation>已导入:新增 %1 条,更新 %2 条,%3 处冲突已保留待审核,拒收 %4 条。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="242"/>
        <source>Already imported earlier: nothing changed.</source>
        <translation>此数据包之前已导入:没有任何更改。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="251"/>
        <source>Refused, nothing was changed: %1</source>
        <translation>已拒收,未做任何更改:%1</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="266"/>
        <source>Save key file</source>
        <translation>保存密钥文件</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="275"/>
        <source>Trust a key file</source>
        <translation>信任密钥文件</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="281"/>
        <source>Check the code</source>
        <translation>核对校验码</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="282"/>
        <source>Ask the sender to read their code aloud and type it here:</source>
        <translation>请发送方念出其校验码,并在此输入:</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="292"/>
        <source>Key not trusted</source>
        <translation>密钥未被信任</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/sync_panel.py" line="312"/>
        <source>Save receipt</source>
        <translation>保存回执</translation>
    </message>
</context>
<context>
    <name>ToolkitPanel</name>
    <message>
        <location filename="../../forms/toolkit_panel.ui" line="6"/>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="342"/>
        <source>Toolkit</source>
        <translation>应急工具包</translation>
    </message>
    <message>
        <location filename="../../forms/toolkit_panel.ui" line="12"/>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../forms/toolkit_panel.ui" line="18"/>
        <source>Pollutant or scenario: Chinese, English, pinyin, symbol or CAS (e.g. 铊, Tl, thallium, 7440-28-0), then Enter</source>
        <translation>污染物或情景：中文、英文、拼音、元素符号或CAS号（如 铊、Tl、thallium、7440-28-0），回车打开</translation>
    </message>
    <message>
        <location filename="../../forms/toolkit_panel.ui" line="35"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../forms/toolkit_panel.ui" line="47"/>
        <source>Browse</source>
        <translation>分类浏览</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="103"/>
        <source>Every value carries its source and a confidence mark:</source>
        <translation>每项数值均注明来源和可信度：</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="105"/>
        <source>Each tick is written to the incident log with the team and the time.</source>
        <translation>每次勾选都会连同队伍和时间记入事件日志。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="109"/>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="178"/>
        <source>Type a name, symbol, pinyin or CAS number; Enter opens the first result.</source>
        <translation>输入名称、元素符号、拼音或CAS号；按回车打开第一个结果。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="127"/>
        <source>Scenario checklists (compiled from public practice)</source>
        <translation>情景处置清单（根据公开实践汇编）</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="129"/>
        <source>Technology categories</source>
        <translation>通用技术类别</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="130"/>
        <source>Engineering facility types</source>
        <translation>工程设施类型</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="172"/>
        <source>{0} result(s), best first. Enter opens the first.</source>
        <translation>共{0}条结果，按相关度排序。按回车打开第一条。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="174"/>
        <source>Nothing found. Try another spelling, the symbol or the CAS number.</source>
        <translation>未找到。请换一种写法，或输入元素符号、CAS号。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="243"/>
        <source>Sources cited on this page</source>
        <translation>本页引用的来源</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="265"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="266"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="267"/>
        <source>Related pollutants</source>
        <translation>相关污染物</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="291"/>
        <source>✓ done — {0}, {1}</source>
        <translation>✓ 已完成 —— {0}，{1}</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="301"/>
        <source>Open or create an incident to tick steps (ticks go to its log).</source>
        <translation>请先打开或新建事件，才能勾选步骤（勾选记入该事件日志）。</translation>
    </message>
    <message>
        <location filename="../../fieldapp/ui/toolkit_panel.py" line="304"/>
        <source>{0} of {1} steps done for incident {2}</source>
        <translation>事件 {2}：已完成 {0}/{1} 步</translation>
    </message>
</context>
</TS>
