# Assemble the clean plan text (src/plan_clean.txt) from the hand-written parts.
import pathlib
d = pathlib.Path(__file__).parent
r = lambda n: (d / n).read_text(encoding='utf-8').rstrip('\n') + '\n'
p1, p2, p2b, p3, p3b, p4, p5 = map(r, ['part1.txt','part2.txt','part2b.txt','part3.txt','part3b.txt','part4.txt','part5.txt'])
def ins_before(text, anchor, add):
    assert anchor in text, anchor
    return text.replace(anchor, add + anchor, 1)
def ins_after(text, anchor, add):
    assert anchor in text, anchor
    i = text.index(anchor) + len(anchor)
    j = text.index('\n', i) + 1
    return text[:j] + add + text[j:]
p1 = ins_before(p1, '第二节　面临的形势与挑战', r('x_base.txt'))
p1 = ins_after(p1, '五是职业教育与区域产业匹配度有待提高', r('x_form.txt'))
p1 = ins_after(p1, '（五）坚持系统谋划', r('x_ch2.txt'))
p2 = ins_before(p2, '第二节　推进义务教育优质均衡发展', r('x_pre.txt'))
p2 = ins_before(p2, '第三节　推进高中阶段教育多样化特色发展', r('x_yw.txt'))
p2 = ins_before(p2, '第四节　推进终身教育体系建设', r('x_zj.txt'))
p3 = ins_before(p3, '第三节　提升教师专业能力', r('x_ch4.txt'))
p3 = ins_before(p3, '第五章　推进教育数字化转型', r('x_teacher.txt'))
p3 = ins_before(p3, '专栏2　智慧教育提升工程', r('x_digital.txt'))
p3 = ins_after(p3, '支持和规范民办教育发展', r('x_minban.txt'))
a, b = p4.split('第七章　实施重点工程\n')
p4 = a + p3b + '第七章　实施重点工程\n' + b
p4 = ins_before(p4, '第一节　学前教育扩容提质工程', r('x_ch7.txt'))
p4 = ins_before(p4, '附件1', '') if '附件1' in p4 else p4
p4 = p4 + r('x_ch8.txt')
out = p1 + p2 + p2b + p3 + p4 + p5
for blk in (r('x_more.txt') + r('x_more2.txt') + r('x_more3.txt') + r('x_more4.txt') + r('x_more5.txt') + r('x_more6.txt') + r('x_more7.txt') + r('x_more8.txt')).split('@@')[1:]:
    anchor, add = blk.split('\n', 1)
    out = ins_before(out, anchor + '\n', add)
(d / 'plan_clean.txt').write_text(out, encoding='utf-8')
print(len(out), sum(1 for c in out if '\u4e00' <= c <= '\u9fff'))
